import { Migration } from '@mikro-orm/migrations';

export class Migration20261125074708_pricing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`price_list\` (\`id\` text not null, \`title\` text not null, \`description\` text not null default '', \`type\` text not null default 'sale', \`status\` text not null default 'draft', \`starts_at\` datetime null, \`ends_at\` datetime null, \`region_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`price_list_status_index\` on \`price_list\` (\`status\`);`);

    this.addSql(`alter table \`price\` add column \`price_list_id\` text null;`);
    this.addSql(`create index \`price_price_list_id_index\` on \`price\` (\`price_list_id\`);`);
  }

}
