import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075316_customer extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`customer\` (\`id\` varchar(40) not null, \`email\` varchar(191) not null, \`first_name\` varchar(191) null, \`last_name\` varchar(191) null, \`phone\` varchar(32) null, \`company_name\` varchar(191) null, \`has_account\` tinyint(1) not null default false, \`metadata\` json null, \`created_by\` varchar(40) null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`customer\` add index \`customer_phone_index\`(\`phone\`);`);
    this.addSql(`alter table \`customer\` add unique \`customer_email_has_account_unique\`(\`email\`, \`has_account\`);`);

    this.addSql(`create table \`customer_address\` (\`id\` varchar(40) not null, \`customer_id\` varchar(40) not null, \`address_name\` varchar(191) null, \`is_default_shipping\` tinyint(1) not null default false, \`is_default_billing\` tinyint(1) not null default false, \`company\` varchar(191) null, \`first_name\` varchar(191) null, \`last_name\` varchar(191) null, \`address_1\` varchar(191) null, \`address_2\` varchar(191) null, \`city\` varchar(191) null, \`country_code\` varchar(2) null, \`province\` varchar(191) null, \`postal_code\` varchar(32) null, \`phone\` varchar(32) null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`customer_address\` add index \`customer_address_customer_id_index\`(\`customer_id\`);`);

    this.addSql(`create table \`customer_group\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`metadata\` json null, \`created_by\` varchar(40) null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`customer_group\` add unique \`customer_group_name_unique\`(\`name\`);`);

    this.addSql(`create table \`customer_group_customer\` (\`customer_group_id\` varchar(40) not null, \`customer_id\` varchar(40) not null, \`created_at\` datetime not null, primary key (\`customer_group_id\`, \`customer_id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`customer_group_customer\` add index \`customer_group_customer_customer_id_index\`(\`customer_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`customer\`;`);

    this.addSql(`drop table if exists \`customer_address\`;`);

    this.addSql(`drop table if exists \`customer_group\`;`);

    this.addSql(`drop table if exists \`customer_group_customer\`;`);
  }

}
