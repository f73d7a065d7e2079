import { Migration } from '@mikro-orm/migrations';

export class Migration20261125091216_auth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`auth_identity\` add \`second_factor\` varchar(8) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`auth_identity\` drop column \`second_factor\`;`);
  }

}
