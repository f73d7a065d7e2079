import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233242_product extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`product\` (\`id\` text not null, \`title\` text not null, \`handle\` text not null, \`subtitle\` text null, \`description\` text null, \`status\` text not null default 'draft', \`thumbnail\` text null, \`is_giftcard\` integer not null default false, \`discountable\` integer not null default true, \`collection_id\` text null, \`type_id\` text null, \`weight\` integer null, \`length\` integer null, \`height\` integer null, \`width\` integer null, \`origin_country\` text null, \`hs_code\` text null, \`mid_code\` text null, \`material\` text null, \`external_id\` text null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`product_handle_unique\` on \`product\` (\`handle\`);`);
    this.addSql(`create index \`product_status_index\` on \`product\` (\`status\`);`);
    this.addSql(`create index \`product_collection_id_index\` on \`product\` (\`collection_id\`);`);
    this.addSql(`create index \`product_type_id_index\` on \`product\` (\`type_id\`);`);

    this.addSql(`create table \`product_category\` (\`id\` text not null, \`name\` text not null, \`handle\` text not null, \`description\` text not null default '', \`parent_category_id\` text null, \`rank\` integer not null default 0, \`is_active\` integer not null default true, \`is_internal\` integer not null default false, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`product_category_handle_unique\` on \`product_category\` (\`handle\`);`);
    this.addSql(`create index \`product_category_parent_category_id_index\` on \`product_category\` (\`parent_category_id\`);`);

    this.addSql(`create table \`product_category_link\` (\`product_id\` text not null, \`category_id\` text not null, primary key (\`product_id\`, \`category_id\`));`);
    this.addSql(`create index \`product_category_link_category_id_index\` on \`product_category_link\` (\`category_id\`);`);

    this.addSql(`create table \`product_collection\` (\`id\` text not null, \`title\` text not null, \`handle\` text not null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`product_collection_handle_unique\` on \`product_collection\` (\`handle\`);`);

    this.addSql(`create table \`product_image\` (\`id\` text not null, \`product_id\` text not null, \`url\` text not null, \`rank\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`product_image_product_id_index\` on \`product_image\` (\`product_id\`);`);

    this.addSql(`create table \`product_option\` (\`id\` text not null, \`product_id\` text not null, \`title\` text not null, \`rank\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`product_option_product_id_index\` on \`product_option\` (\`product_id\`);`);

    this.addSql(`create table \`product_option_value\` (\`id\` text not null, \`option_id\` text not null, \`product_id\` text not null, \`value\` text not null, \`rank\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`product_option_value_option_id_index\` on \`product_option_value\` (\`option_id\`);`);
    this.addSql(`create index \`product_option_value_product_id_index\` on \`product_option_value\` (\`product_id\`);`);

    this.addSql(`create table \`product_sales_channel\` (\`product_id\` text not null, \`sales_channel_id\` text not null, primary key (\`product_id\`, \`sales_channel_id\`));`);
    this.addSql(`create index \`product_sales_channel_sales_channel_id_index\` on \`product_sales_channel\` (\`sales_channel_id\`);`);

    this.addSql(`create table \`product_tag\` (\`id\` text not null, \`value\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`product_tag_value_unique\` on \`product_tag\` (\`value\`);`);

    this.addSql(`create table \`product_tag_link\` (\`product_id\` text not null, \`tag_id\` text not null, primary key (\`product_id\`, \`tag_id\`));`);

    this.addSql(`create table \`product_type\` (\`id\` text not null, \`value\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`product_type_value_unique\` on \`product_type\` (\`value\`);`);

    this.addSql(`create table \`product_variant\` (\`id\` text not null, \`product_id\` text not null, \`title\` text not null, \`sku\` text null, \`barcode\` text null, \`ean\` text null, \`upc\` text null, \`allow_backorder\` integer not null default false, \`manage_inventory\` integer not null default true, \`weight\` integer null, \`length\` integer null, \`height\` integer null, \`width\` integer null, \`variant_rank\` integer not null default 0, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`product_variant_product_id_index\` on \`product_variant\` (\`product_id\`);`);
    this.addSql(`create unique index \`product_variant_sku_unique\` on \`product_variant\` (\`sku\`);`);

    this.addSql(`create table \`product_variant_option\` (\`variant_id\` text not null, \`option_value_id\` text not null, primary key (\`variant_id\`, \`option_value_id\`));`);
  }

}
