import { Migration } from '@mikro-orm/migrations';

export class Migration20261125091214_auth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`auth_identity\` add column \`second_factor\` text null;`);
  }

}
