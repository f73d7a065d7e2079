import { Migration } from '@mikro-orm/migrations';

export class Migration20261125115440_payment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`payment\` add \`released_amount\` int not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`payment\` drop column \`released_amount\`;`);
  }

}
