import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075316_payment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`payment\` (\`id\` text not null, \`payment_collection_id\` text not null, \`payment_session_id\` text not null, \`cart_id\` text not null, \`order_id\` text null, \`provider_id\` text not null, \`currency_code\` text not null, \`amount\` integer not null, \`captured_amount\` integer not null default 0, \`refunded_amount\` integer not null default 0, \`data\` json not null, \`authorized_at\` datetime not null, \`captured_at\` datetime null, \`canceled_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`payment_payment_collection_id_index\` on \`payment\` (\`payment_collection_id\`);`);
    this.addSql(`create unique index \`payment_payment_session_id_unique\` on \`payment\` (\`payment_session_id\`);`);
    this.addSql(`create index \`payment_cart_id_index\` on \`payment\` (\`cart_id\`);`);
    this.addSql(`create index \`payment_order_id_index\` on \`payment\` (\`order_id\`);`);

    this.addSql(`create table \`payment_capture\` (\`id\` text not null, \`payment_id\` text not null, \`amount\` integer not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`payment_capture_payment_id_index\` on \`payment_capture\` (\`payment_id\`);`);

    this.addSql(`create table \`payment_collection\` (\`id\` text not null, \`cart_id\` text not null, \`customer_id\` text null, \`currency_code\` text not null, \`amount\` integer not null, \`status\` text not null default 'not_paid', \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`payment_collection_cart_id_unique\` on \`payment_collection\` (\`cart_id\`);`);

    this.addSql(`create table \`payment_refund\` (\`id\` text not null, \`payment_id\` text not null, \`amount\` integer not null, \`note\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`payment_refund_payment_id_index\` on \`payment_refund\` (\`payment_id\`);`);

    this.addSql(`create table \`payment_session\` (\`id\` text not null, \`payment_collection_id\` text not null, \`provider_id\` text not null, \`provider_payment_id\` text null, \`currency_code\` text not null, \`amount\` integer not null, \`data\` json not null, \`status\` text not null default 'pending', \`authorized_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`payment_session_payment_collection_id_index\` on \`payment_session\` (\`payment_collection_id\`);`);
    this.addSql(`create index \`payment_session_provider_payment_id_index\` on \`payment_session\` (\`provider_payment_id\`);`);
  }

}
