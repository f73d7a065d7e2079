import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075447_cart extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`cart\` (\`id\` text not null, \`region_id\` text not null, \`customer_id\` text null, \`sales_channel_id\` text not null, \`email\` text null, \`currency_code\` text not null, \`locale\` text null, \`shipping_address_id\` text null, \`billing_address_id\` text null, \`metadata\` json null, \`completed_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`cart_customer_id_index\` on \`cart\` (\`customer_id\`);`);

    this.addSql(`create table \`cart_address\` (\`id\` text not null, \`customer_id\` text null, \`first_name\` text null, \`last_name\` text null, \`phone\` text null, \`company\` text null, \`address_1\` text null, \`address_2\` text null, \`city\` text null, \`country_code\` text null, \`province\` text null, \`postal_code\` text null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`cart_line_item\` (\`id\` text not null, \`cart_id\` text not null, \`variant_id\` text not null, \`product_id\` text not null, \`title\` text not null, \`subtitle\` text null, \`thumbnail\` text null, \`quantity\` integer not null, \`unit_price\` integer not null, \`is_tax_inclusive\` integer not null default false, \`requires_shipping\` integer not null default true, \`is_discountable\` integer not null default true, \`product_title\` text not null, \`product_description\` text null, \`product_subtitle\` text null, \`product_handle\` text not null, \`product_collection\` text null, \`product_type\` text null, \`variant_sku\` text null, \`variant_barcode\` text null, \`variant_title\` text not null, \`variant_option_values\` json null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`cart_line_item_cart_id_index\` on \`cart_line_item\` (\`cart_id\`);`);

    this.addSql(`create table \`cart_promotion\` (\`cart_id\` text not null, \`promotion_id\` text not null, \`created_at\` datetime not null, primary key (\`cart_id\`, \`promotion_id\`));`);

    this.addSql(`create table \`cart_shipping_method\` (\`id\` text not null, \`cart_id\` text not null, \`shipping_option_id\` text not null, \`name\` text not null, \`description\` text null, \`data\` json null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`cart_shipping_method_cart_id_index\` on \`cart_shipping_method\` (\`cart_id\`);`);
  }

}
