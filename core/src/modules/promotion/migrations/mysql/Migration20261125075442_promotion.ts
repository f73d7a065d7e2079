import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075442_promotion extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`promotion\` (\`id\` varchar(40) not null, \`code\` varchar(191) not null, \`is_automatic\` tinyint(1) not null default false, \`status\` varchar(16) not null default 'active', \`starts_at\` datetime null, \`ends_at\` datetime null, \`method_type\` varchar(16) not null, \`value\` double not null, \`currency_code\` varchar(3) null, \`target_type\` varchar(32) not null, \`allocation\` varchar(16) not null default 'across', \`max_quantity\` int null, \`product_ids\` json null, \`category_ids\` json null, \`min_subtotal\` int null, \`usage_limit\` int null, \`used\` int not null default 0, \`limit_per_customer\` int null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`promotion\` add unique \`promotion_code_unique\`(\`code\`);`);

    this.addSql(`create table \`promotion_usage\` (\`promotion_id\` varchar(40) not null, \`customer_key\` varchar(191) not null, \`used\` int not null default 0, primary key (\`promotion_id\`, \`customer_key\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`promotion\`;`);

    this.addSql(`drop table if exists \`promotion_usage\`;`);
  }

}
