import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075047_notification extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`notification_campaign\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`template\` varchar(64) not null, \`locale\` varchar(16) not null, \`promotion_code\` varchar(191) null, \`segment\` json not null, \`data\` json not null, \`status\` varchar(16) not null, \`recipients\` int not null default 0, \`created_at\` bigint not null, \`updated_at\` bigint not null, \`sent_at\` bigint null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`marketing_consent\` (\`customer_id\` varchar(40) not null, \`email\` varchar(191) null, \`phone\` varchar(32) null, \`consented\` tinyint(1) not null default false, \`updated_at\` bigint not null, primary key (\`customer_id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`marketing_consent\` add index \`marketing_consent_consented_index\`(\`consented\`);`);

    this.addSql(`create table \`notification_delivery\` (\`id\` varchar(40) not null, \`idempotency_key\` varchar(191) not null, \`template\` varchar(64) not null, \`channel\` varchar(8) not null, \`locale\` varchar(16) not null, \`recipient\` varchar(191) not null, \`customer_id\` varchar(40) null, \`campaign_id\` varchar(40) null, \`provider_id\` varchar(64) not null, \`status\` varchar(16) not null, \`provider_message_id\` varchar(191) null, \`attempts\` int not null default 0, \`last_error\` text null, \`data\` json not null, \`created_at\` bigint not null, \`updated_at\` bigint not null, \`sent_at\` bigint null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`notification_delivery\` add index \`notification_delivery_customer_id_index\`(\`customer_id\`);`);
    this.addSql(`alter table \`notification_delivery\` add index \`notification_delivery_created_at_index\`(\`created_at\`);`);
    this.addSql(`alter table \`notification_delivery\` add index \`notification_delivery_provider_id_provider_message_id_index\`(\`provider_id\`, \`provider_message_id\`);`);
    this.addSql(`alter table \`notification_delivery\` add index \`notification_delivery_campaign_id_status_index\`(\`campaign_id\`, \`status\`);`);
    this.addSql(`alter table \`notification_delivery\` add index \`notification_delivery_status_updated_at_index\`(\`status\`, \`updated_at\`);`);
    this.addSql(`alter table \`notification_delivery\` add unique \`notification_delivery_idempotency_key_recipient_template_unique\`(\`idempotency_key\`, \`recipient\`, \`template\`);`);

    this.addSql(`create table \`notification_secret\` (\`id\` varchar(16) not null, \`secret\` varchar(128) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`notification_outbox_message\` (\`id\` varchar(40) not null, \`delivery_id\` varchar(40) not null, \`channel\` varchar(8) not null, \`recipient\` varchar(191) not null, \`sender\` varchar(191) null, \`subject\` varchar(998) null, \`html\` text null, \`text\` text not null, \`created_at\` bigint not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`notification_outbox_message\` add unique \`notification_outbox_message_delivery_id_unique\`(\`delivery_id\`);`);
    this.addSql(`alter table \`notification_outbox_message\` add index \`notification_outbox_message_recipient_index\`(\`recipient\`);`);
    this.addSql(`alter table \`notification_outbox_message\` add index \`notification_outbox_message_created_at_index\`(\`created_at\`);`);

    this.addSql(`create table \`notification_template\` (\`id\` varchar(40) not null, \`template\` varchar(64) not null, \`channel\` varchar(8) not null, \`locale\` varchar(16) not null, \`subject\` varchar(998) null, \`html\` text null, \`text\` text not null, \`updated_at\` bigint not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`notification_template\` add unique \`notification_template_template_channel_locale_unique\`(\`template\`, \`channel\`, \`locale\`);`);

    this.addSql(`create table \`marketing_unsubscribe\` (\`customer_id\` varchar(40) not null, \`campaign_id\` varchar(40) null, \`unsubscribed_at\` bigint not null, primary key (\`customer_id\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`notification_campaign\`;`);

    this.addSql(`drop table if exists \`marketing_consent\`;`);

    this.addSql(`drop table if exists \`notification_delivery\`;`);

    this.addSql(`drop table if exists \`notification_secret\`;`);

    this.addSql(`drop table if exists \`notification_outbox_message\`;`);

    this.addSql(`drop table if exists \`notification_template\`;`);

    this.addSql(`drop table if exists \`marketing_unsubscribe\`;`);
  }

}
