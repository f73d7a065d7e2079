import { Migration } from '@mikro-orm/migrations';

export class Migration20261125115438_payment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`payment\` add column \`released_amount\` integer not null default 0;`);
  }

}
