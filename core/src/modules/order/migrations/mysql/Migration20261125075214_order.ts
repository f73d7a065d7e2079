import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075214_order extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`order\` (\`id\` varchar(40) not null, \`display_id\` int not null, \`cart_id\` varchar(40) null, \`customer_id\` varchar(40) null, \`email\` varchar(191) null, \`region_id\` varchar(40) null, \`sales_channel_id\` varchar(40) null, \`currency_code\` varchar(3) not null, \`status\` varchar(24) not null default 'pending', \`payment_status\` varchar(24) not null default 'not_paid', \`fulfillment_status\` varchar(24) not null default 'not_fulfilled', \`item_total\` int not null, \`subtotal\` int not null, \`tax_total\` int not null, \`shipping_total\` int not null, \`discount_total\` int not null, \`total\` int not null, \`totals\` json not null, \`shipping_address\` json null, \`billing_address\` json null, \`promotions\` json null, \`access_token_hash\` varchar(64) null, \`metadata\` json null, \`canceled_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`order\` add unique \`order_display_id_unique\`(\`display_id\`);`);
    this.addSql(`alter table \`order\` add unique \`order_cart_id_unique\`(\`cart_id\`);`);
    this.addSql(`alter table \`order\` add index \`order_customer_id_index\`(\`customer_id\`);`);
    this.addSql(`alter table \`order\` add index \`order_email_index\`(\`email\`);`);
    this.addSql(`alter table \`order\` add index \`order_status_index\`(\`status\`);`);
    this.addSql(`alter table \`order\` add index \`order_payment_status_index\`(\`payment_status\`);`);
    this.addSql(`alter table \`order\` add index \`order_fulfillment_status_index\`(\`fulfillment_status\`);`);
    this.addSql(`alter table \`order\` add index \`order_total_index\`(\`total\`);`);
    this.addSql(`alter table \`order\` add index \`order_created_at_index\`(\`created_at\`);`);

    this.addSql(`create table \`order_change\` (\`id\` varchar(40) not null, \`order_id\` varchar(40) not null, \`event\` varchar(64) not null, \`data\` json not null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`order_change\` add index \`order_change_order_id_index\`(\`order_id\`);`);

    this.addSql(`create table \`order_display_id\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` varchar(40) not null) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`order_fulfillment\` (\`id\` varchar(40) not null, \`order_id\` varchar(40) not null, \`items\` json not null, \`tracking_numbers\` json not null, \`shipped_at\` datetime null, \`delivered_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`order_fulfillment\` add index \`order_fulfillment_order_id_index\`(\`order_id\`);`);

    this.addSql(`create table \`order_line_item\` (\`id\` varchar(40) not null, \`order_id\` varchar(40) not null, \`variant_id\` varchar(40) null, \`product_id\` varchar(40) null, \`title\` varchar(255) not null, \`quantity\` int not null, \`unit_price\` int not null, \`location_id\` varchar(40) null, \`reserved_quantity\` int not null default 0, \`fulfilled_quantity\` int not null default 0, \`shipped_quantity\` int not null default 0, \`delivered_quantity\` int not null default 0, \`return_requested_quantity\` int not null default 0, \`return_received_quantity\` int not null default 0, \`snapshot\` json not null, \`rank\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`order_line_item\` add index \`order_line_item_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`order_line_item\` add index \`order_line_item_variant_id_index\`(\`variant_id\`);`);

    this.addSql(`create table \`order_return\` (\`id\` varchar(40) not null, \`order_id\` varchar(40) not null, \`items\` json not null, \`status\` varchar(24) not null default 'requested', \`restocked\` tinyint(1) not null default false, \`refund_amount\` int not null default 0, \`received_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`order_return\` add index \`order_return_order_id_index\`(\`order_id\`);`);

    this.addSql(`create table \`order_shipping_method\` (\`id\` varchar(40) not null, \`order_id\` varchar(40) not null, \`name\` varchar(255) not null, \`amount\` int not null, \`shipping_option_id\` varchar(40) null, \`snapshot\` json not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`order_shipping_method\` add index \`order_shipping_method_order_id_index\`(\`order_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`order\`;`);

    this.addSql(`drop table if exists \`order_change\`;`);

    this.addSql(`drop table if exists \`order_display_id\`;`);

    this.addSql(`drop table if exists \`order_fulfillment\`;`);

    this.addSql(`drop table if exists \`order_line_item\`;`);

    this.addSql(`drop table if exists \`order_return\`;`);

    this.addSql(`drop table if exists \`order_shipping_method\`;`);
  }

}
