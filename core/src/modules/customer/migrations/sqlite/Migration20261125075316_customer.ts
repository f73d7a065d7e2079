import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075316_customer extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`customer\` (\`id\` text not null, \`email\` text not null, \`first_name\` text null, \`last_name\` text null, \`phone\` text null, \`company_name\` text null, \`has_account\` integer not null default false, \`metadata\` json null, \`created_by\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`customer_phone_index\` on \`customer\` (\`phone\`);`);
    this.addSql(`create unique index \`customer_email_has_account_unique\` on \`customer\` (\`email\`, \`has_account\`);`);

    this.addSql(`create table \`customer_address\` (\`id\` text not null, \`customer_id\` text not null, \`address_name\` text null, \`is_default_shipping\` integer not null default false, \`is_default_billing\` integer not null default false, \`company\` text null, \`first_name\` text null, \`last_name\` text null, \`address_1\` text null, \`address_2\` text null, \`city\` text null, \`country_code\` text null, \`province\` text null, \`postal_code\` text null, \`phone\` text null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`customer_address_customer_id_index\` on \`customer_address\` (\`customer_id\`);`);

    this.addSql(`create table \`customer_group\` (\`id\` text not null, \`name\` text not null, \`metadata\` json null, \`created_by\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`customer_group_name_unique\` on \`customer_group\` (\`name\`);`);

    this.addSql(`create table \`customer_group_customer\` (\`customer_group_id\` text not null, \`customer_id\` text not null, \`created_at\` datetime not null, primary key (\`customer_group_id\`, \`customer_id\`));`);
    this.addSql(`create index \`customer_group_customer_customer_id_index\` on \`customer_group_customer\` (\`customer_id\`);`);
  }

}
