import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075214_order extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`order\` (\`id\` text not null, \`display_id\` integer not null, \`cart_id\` text null, \`customer_id\` text null, \`email\` text null, \`region_id\` text null, \`sales_channel_id\` text null, \`currency_code\` text not null, \`status\` text not null default 'pending', \`payment_status\` text not null default 'not_paid', \`fulfillment_status\` text not null default 'not_fulfilled', \`item_total\` integer not null, \`subtotal\` integer not null, \`tax_total\` integer not null, \`shipping_total\` integer not null, \`discount_total\` integer not null, \`total\` integer not null, \`totals\` json not null, \`shipping_address\` json null, \`billing_address\` json null, \`promotions\` json null, \`access_token_hash\` text null, \`metadata\` json null, \`canceled_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`order_display_id_unique\` on \`order\` (\`display_id\`);`);
    this.addSql(`create unique index \`order_cart_id_unique\` on \`order\` (\`cart_id\`);`);
    this.addSql(`create index \`order_customer_id_index\` on \`order\` (\`customer_id\`);`);
    this.addSql(`create index \`order_email_index\` on \`order\` (\`email\`);`);
    this.addSql(`create index \`order_status_index\` on \`order\` (\`status\`);`);
    this.addSql(`create index \`order_payment_status_index\` on \`order\` (\`payment_status\`);`);
    this.addSql(`create index \`order_fulfillment_status_index\` on \`order\` (\`fulfillment_status\`);`);
    this.addSql(`create index \`order_total_index\` on \`order\` (\`total\`);`);
    this.addSql(`create index \`order_created_at_index\` on \`order\` (\`created_at\`);`);

    this.addSql(`create table \`order_change\` (\`id\` text not null, \`order_id\` text not null, \`event\` text not null, \`data\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`order_change_order_id_index\` on \`order_change\` (\`order_id\`);`);

    this.addSql(`create table \`order_display_id\` (\`id\` integer not null primary key autoincrement, \`order_id\` text not null);`);

    this.addSql(`create table \`order_fulfillment\` (\`id\` text not null, \`order_id\` text not null, \`items\` json not null, \`tracking_numbers\` json not null, \`shipped_at\` datetime null, \`delivered_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`order_fulfillment_order_id_index\` on \`order_fulfillment\` (\`order_id\`);`);

    this.addSql(`create table \`order_line_item\` (\`id\` text not null, \`order_id\` text not null, \`variant_id\` text null, \`product_id\` text null, \`title\` text not null, \`quantity\` integer not null, \`unit_price\` integer not null, \`location_id\` text null, \`reserved_quantity\` integer not null default 0, \`fulfilled_quantity\` integer not null default 0, \`shipped_quantity\` integer not null default 0, \`delivered_quantity\` integer not null default 0, \`return_requested_quantity\` integer not null default 0, \`return_received_quantity\` integer not null default 0, \`snapshot\` json not null, \`rank\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`order_line_item_order_id_index\` on \`order_line_item\` (\`order_id\`);`);
    this.addSql(`create index \`order_line_item_variant_id_index\` on \`order_line_item\` (\`variant_id\`);`);

    this.addSql(`create table \`order_return\` (\`id\` text not null, \`order_id\` text not null, \`items\` json not null, \`status\` text not null default 'requested', \`restocked\` integer not null default false, \`refund_amount\` integer not null default 0, \`received_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`order_return_order_id_index\` on \`order_return\` (\`order_id\`);`);

    this.addSql(`create table \`order_shipping_method\` (\`id\` text not null, \`order_id\` text not null, \`name\` text not null, \`amount\` integer not null, \`shipping_option_id\` text null, \`snapshot\` json not null, primary key (\`id\`));`);
    this.addSql(`create index \`order_shipping_method_order_id_index\` on \`order_shipping_method\` (\`order_id\`);`);
  }

}
