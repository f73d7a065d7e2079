import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233240_sales_channel extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`publishable_key\` (\`id\` text not null, \`token\` text not null, \`title\` text not null, \`revoked_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`publishable_key_token_unique\` on \`publishable_key\` (\`token\`);`);

    this.addSql(`create table \`publishable_key_sales_channel\` (\`publishable_key_id\` text not null, \`sales_channel_id\` text not null, primary key (\`publishable_key_id\`, \`sales_channel_id\`));`);

    this.addSql(`create table \`sales_channel\` (\`id\` text not null, \`name\` text not null, \`description\` text null, \`is_disabled\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
  }

}
