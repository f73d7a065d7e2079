import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075442_promotion extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`promotion\` (\`id\` text not null, \`code\` text not null, \`is_automatic\` integer not null default false, \`status\` text not null default 'active', \`starts_at\` datetime null, \`ends_at\` datetime null, \`method_type\` text not null, \`value\` double not null, \`currency_code\` text null, \`target_type\` text not null, \`allocation\` text not null default 'across', \`max_quantity\` integer null, \`product_ids\` json null, \`category_ids\` json null, \`min_subtotal\` integer null, \`usage_limit\` integer null, \`used\` integer not null default 0, \`limit_per_customer\` integer null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`promotion_code_unique\` on \`promotion\` (\`code\`);`);

    this.addSql(`create table \`promotion_usage\` (\`promotion_id\` text not null, \`customer_key\` text not null, \`used\` integer not null default 0, primary key (\`promotion_id\`, \`customer_key\`));`);
  }

}
