import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075448_cart extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`cart\` (\`id\` varchar(40) not null, \`region_id\` varchar(40) not null, \`customer_id\` varchar(40) null, \`sales_channel_id\` varchar(40) not null, \`email\` varchar(255) null, \`currency_code\` varchar(3) not null, \`locale\` varchar(32) null, \`shipping_address_id\` varchar(40) null, \`billing_address_id\` varchar(40) null, \`metadata\` json null, \`completed_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`cart\` add index \`cart_customer_id_index\`(\`customer_id\`);`);

    this.addSql(`create table \`cart_address\` (\`id\` varchar(40) not null, \`customer_id\` varchar(40) null, \`first_name\` varchar(191) null, \`last_name\` varchar(191) null, \`phone\` varchar(64) null, \`company\` varchar(191) null, \`address_1\` varchar(255) null, \`address_2\` varchar(255) null, \`city\` varchar(191) null, \`country_code\` varchar(2) null, \`province\` varchar(191) null, \`postal_code\` varchar(32) null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`cart_line_item\` (\`id\` varchar(40) not null, \`cart_id\` varchar(40) not null, \`variant_id\` varchar(40) not null, \`product_id\` varchar(40) not null, \`title\` varchar(255) not null, \`subtitle\` varchar(255) null, \`thumbnail\` varchar(1024) null, \`quantity\` int not null, \`unit_price\` int not null, \`is_tax_inclusive\` tinyint(1) not null default false, \`requires_shipping\` tinyint(1) not null default true, \`is_discountable\` tinyint(1) not null default true, \`product_title\` varchar(255) not null, \`product_description\` text null, \`product_subtitle\` varchar(255) null, \`product_handle\` varchar(191) not null, \`product_collection\` varchar(255) null, \`product_type\` varchar(191) null, \`variant_sku\` varchar(191) null, \`variant_barcode\` varchar(191) null, \`variant_title\` varchar(255) not null, \`variant_option_values\` json null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`cart_line_item\` add index \`cart_line_item_cart_id_index\`(\`cart_id\`);`);

    this.addSql(`create table \`cart_promotion\` (\`cart_id\` varchar(40) not null, \`promotion_id\` varchar(40) not null, \`created_at\` datetime not null, primary key (\`cart_id\`, \`promotion_id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`cart_shipping_method\` (\`id\` varchar(40) not null, \`cart_id\` varchar(40) not null, \`shipping_option_id\` varchar(40) not null, \`name\` varchar(191) not null, \`description\` varchar(255) null, \`data\` json null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`cart_shipping_method\` add index \`cart_shipping_method_cart_id_index\`(\`cart_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`cart\`;`);

    this.addSql(`drop table if exists \`cart_address\`;`);

    this.addSql(`drop table if exists \`cart_line_item\`;`);

    this.addSql(`drop table if exists \`cart_promotion\`;`);

    this.addSql(`drop table if exists \`cart_shipping_method\`;`);
  }

}
