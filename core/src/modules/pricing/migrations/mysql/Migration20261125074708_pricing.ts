import { Migration } from '@mikro-orm/migrations';

export class Migration20261125074708_pricing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`price_list\` (\`id\` varchar(40) not null, \`title\` varchar(255) not null, \`description\` text not null default (''), \`type\` varchar(16) not null default 'sale', \`status\` varchar(16) not null default 'draft', \`starts_at\` datetime null, \`ends_at\` datetime null, \`region_id\` varchar(40) null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`price_list\` add index \`price_list_status_index\`(\`status\`);`);

    this.addSql(`alter table \`price\` add \`price_list_id\` varchar(40) null;`);
    this.addSql(`alter table \`price\` add index \`price_price_list_id_index\`(\`price_list_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`price_list\`;`);

    this.addSql(`alter table \`price\` drop index \`price_price_list_id_index\`;`);
    this.addSql(`alter table \`price\` drop column \`price_list_id\`;`);
  }

}
