import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233242_product extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`product\` (\`id\` varchar(40) not null, \`title\` varchar(255) not null, \`handle\` varchar(191) not null, \`subtitle\` varchar(255) null, \`description\` text null, \`status\` varchar(16) not null default 'draft', \`thumbnail\` varchar(1024) null, \`is_giftcard\` tinyint(1) not null default false, \`discountable\` tinyint(1) not null default true, \`collection_id\` varchar(40) null, \`type_id\` varchar(40) null, \`weight\` int null, \`length\` int null, \`height\` int null, \`width\` int null, \`origin_country\` varchar(2) null, \`hs_code\` varchar(64) null, \`mid_code\` varchar(64) null, \`material\` varchar(191) null, \`external_id\` varchar(191) null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product\` add unique \`product_handle_unique\`(\`handle\`);`);
    this.addSql(`alter table \`product\` add index \`product_status_index\`(\`status\`);`);
    this.addSql(`alter table \`product\` add index \`product_collection_id_index\`(\`collection_id\`);`);
    this.addSql(`alter table \`product\` add index \`product_type_id_index\`(\`type_id\`);`);

    this.addSql(`create table \`product_category\` (\`id\` varchar(40) not null, \`name\` varchar(255) not null, \`handle\` varchar(191) not null, \`description\` text not null default (''), \`parent_category_id\` varchar(40) null, \`rank\` int not null default 0, \`is_active\` tinyint(1) not null default true, \`is_internal\` tinyint(1) not null default false, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_category\` add unique \`product_category_handle_unique\`(\`handle\`);`);
    this.addSql(`alter table \`product_category\` add index \`product_category_parent_category_id_index\`(\`parent_category_id\`);`);

    this.addSql(`create table \`product_category_link\` (\`product_id\` varchar(40) not null, \`category_id\` varchar(40) not null, primary key (\`product_id\`, \`category_id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_category_link\` add index \`product_category_link_category_id_index\`(\`category_id\`);`);

    this.addSql(`create table \`product_collection\` (\`id\` varchar(40) not null, \`title\` varchar(255) not null, \`handle\` varchar(191) not null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_collection\` add unique \`product_collection_handle_unique\`(\`handle\`);`);

    this.addSql(`create table \`product_image\` (\`id\` varchar(40) not null, \`product_id\` varchar(40) not null, \`url\` varchar(1024) not null, \`rank\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_image\` add index \`product_image_product_id_index\`(\`product_id\`);`);

    this.addSql(`create table \`product_option\` (\`id\` varchar(40) not null, \`product_id\` varchar(40) not null, \`title\` varchar(191) not null, \`rank\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_option\` add index \`product_option_product_id_index\`(\`product_id\`);`);

    this.addSql(`create table \`product_option_value\` (\`id\` varchar(40) not null, \`option_id\` varchar(40) not null, \`product_id\` varchar(40) not null, \`value\` varchar(191) not null, \`rank\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_option_value\` add index \`product_option_value_option_id_index\`(\`option_id\`);`);
    this.addSql(`alter table \`product_option_value\` add index \`product_option_value_product_id_index\`(\`product_id\`);`);

    this.addSql(`create table \`product_sales_channel\` (\`product_id\` varchar(40) not null, \`sales_channel_id\` varchar(40) not null, primary key (\`product_id\`, \`sales_channel_id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_sales_channel\` add index \`product_sales_channel_sales_channel_id_index\`(\`sales_channel_id\`);`);

    this.addSql(`create table \`product_tag\` (\`id\` varchar(40) not null, \`value\` varchar(191) not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_tag\` add unique \`product_tag_value_unique\`(\`value\`);`);

    this.addSql(`create table \`product_tag_link\` (\`product_id\` varchar(40) not null, \`tag_id\` varchar(40) not null, primary key (\`product_id\`, \`tag_id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`product_type\` (\`id\` varchar(40) not null, \`value\` varchar(191) not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_type\` add unique \`product_type_value_unique\`(\`value\`);`);

    this.addSql(`create table \`product_variant\` (\`id\` varchar(40) not null, \`product_id\` varchar(40) not null, \`title\` varchar(255) not null, \`sku\` varchar(191) null, \`barcode\` varchar(191) null, \`ean\` varchar(64) null, \`upc\` varchar(64) null, \`allow_backorder\` tinyint(1) not null default false, \`manage_inventory\` tinyint(1) not null default true, \`weight\` int null, \`length\` int null, \`height\` int null, \`width\` int null, \`variant_rank\` int not null default 0, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`product_variant\` add index \`product_variant_product_id_index\`(\`product_id\`);`);
    this.addSql(`alter table \`product_variant\` add unique \`product_variant_sku_unique\`(\`sku\`);`);

    this.addSql(`create table \`product_variant_option\` (\`variant_id\` varchar(40) not null, \`option_value_id\` varchar(40) not null, primary key (\`variant_id\`, \`option_value_id\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`product\`;`);

    this.addSql(`drop table if exists \`product_category\`;`);

    this.addSql(`drop table if exists \`product_category_link\`;`);

    this.addSql(`drop table if exists \`product_collection\`;`);

    this.addSql(`drop table if exists \`product_image\`;`);

    this.addSql(`drop table if exists \`product_option\`;`);

    this.addSql(`drop table if exists \`product_option_value\`;`);

    this.addSql(`drop table if exists \`product_sales_channel\`;`);

    this.addSql(`drop table if exists \`product_tag\`;`);

    this.addSql(`drop table if exists \`product_tag_link\`;`);

    this.addSql(`drop table if exists \`product_type\`;`);

    this.addSql(`drop table if exists \`product_variant\`;`);

    this.addSql(`drop table if exists \`product_variant_option\`;`);
  }

}
