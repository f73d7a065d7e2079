import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075317_payment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`payment\` (\`id\` varchar(40) not null, \`payment_collection_id\` varchar(40) not null, \`payment_session_id\` varchar(40) not null, \`cart_id\` varchar(40) not null, \`order_id\` varchar(40) null, \`provider_id\` varchar(64) not null, \`currency_code\` varchar(3) not null, \`amount\` int not null, \`captured_amount\` int not null default 0, \`refunded_amount\` int not null default 0, \`data\` json not null, \`authorized_at\` datetime not null, \`captured_at\` datetime null, \`canceled_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`payment\` add index \`payment_payment_collection_id_index\`(\`payment_collection_id\`);`);
    this.addSql(`alter table \`payment\` add unique \`payment_payment_session_id_unique\`(\`payment_session_id\`);`);
    this.addSql(`alter table \`payment\` add index \`payment_cart_id_index\`(\`cart_id\`);`);
    this.addSql(`alter table \`payment\` add index \`payment_order_id_index\`(\`order_id\`);`);

    this.addSql(`create table \`payment_capture\` (\`id\` varchar(40) not null, \`payment_id\` varchar(40) not null, \`amount\` int not null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`payment_capture\` add index \`payment_capture_payment_id_index\`(\`payment_id\`);`);

    this.addSql(`create table \`payment_collection\` (\`id\` varchar(40) not null, \`cart_id\` varchar(40) not null, \`customer_id\` varchar(40) null, \`currency_code\` varchar(3) not null, \`amount\` int not null, \`status\` varchar(24) not null default 'not_paid', \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`payment_collection\` add unique \`payment_collection_cart_id_unique\`(\`cart_id\`);`);

    this.addSql(`create table \`payment_refund\` (\`id\` varchar(40) not null, \`payment_id\` varchar(40) not null, \`amount\` int not null, \`note\` varchar(500) null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`payment_refund\` add index \`payment_refund_payment_id_index\`(\`payment_id\`);`);

    this.addSql(`create table \`payment_session\` (\`id\` varchar(40) not null, \`payment_collection_id\` varchar(40) not null, \`provider_id\` varchar(64) not null, \`provider_payment_id\` varchar(191) null, \`currency_code\` varchar(3) not null, \`amount\` int not null, \`data\` json not null, \`status\` varchar(24) not null default 'pending', \`authorized_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`payment_session\` add index \`payment_session_payment_collection_id_index\`(\`payment_collection_id\`);`);
    this.addSql(`alter table \`payment_session\` add index \`payment_session_provider_payment_id_index\`(\`provider_payment_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`payment\`;`);

    this.addSql(`drop table if exists \`payment_capture\`;`);

    this.addSql(`drop table if exists \`payment_collection\`;`);

    this.addSql(`drop table if exists \`payment_refund\`;`);

    this.addSql(`drop table if exists \`payment_session\`;`);
  }

}
