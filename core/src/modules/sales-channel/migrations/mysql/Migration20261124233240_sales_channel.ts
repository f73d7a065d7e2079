import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233240_sales_channel extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`publishable_key\` (\`id\` varchar(40) not null, \`token\` varchar(191) not null, \`title\` varchar(191) not null, \`revoked_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`publishable_key\` add unique \`publishable_key_token_unique\`(\`token\`);`);

    this.addSql(`create table \`publishable_key_sales_channel\` (\`publishable_key_id\` varchar(40) not null, \`sales_channel_id\` varchar(40) not null, primary key (\`publishable_key_id\`, \`sales_channel_id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`sales_channel\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`description\` text null, \`is_disabled\` tinyint(1) not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`publishable_key\`;`);

    this.addSql(`drop table if exists \`publishable_key_sales_channel\`;`);

    this.addSql(`drop table if exists \`sales_channel\`;`);
  }

}
