import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075047_notification extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`notification_campaign\` (\`id\` text not null, \`name\` text not null, \`template\` text not null, \`locale\` text not null, \`promotion_code\` text null, \`segment\` json not null, \`data\` json not null, \`status\` text not null, \`recipients\` integer not null default 0, \`created_at\` bigint not null, \`updated_at\` bigint not null, \`sent_at\` bigint null, primary key (\`id\`));`);

    this.addSql(`create table \`marketing_consent\` (\`customer_id\` text not null, \`email\` text null, \`phone\` text null, \`consented\` integer not null default false, \`updated_at\` bigint not null, primary key (\`customer_id\`));`);
    this.addSql(`create index \`marketing_consent_consented_index\` on \`marketing_consent\` (\`consented\`);`);

    this.addSql(`create table \`notification_delivery\` (\`id\` text not null, \`idempotency_key\` text not null, \`template\` text not null, \`channel\` text not null, \`locale\` text not null, \`recipient\` text not null, \`customer_id\` text null, \`campaign_id\` text null, \`provider_id\` text not null, \`status\` text not null, \`provider_message_id\` text null, \`attempts\` integer not null default 0, \`last_error\` text null, \`data\` json not null, \`created_at\` bigint not null, \`updated_at\` bigint not null, \`sent_at\` bigint null, primary key (\`id\`));`);
    this.addSql(`create index \`notification_delivery_customer_id_index\` on \`notification_delivery\` (\`customer_id\`);`);
    this.addSql(`create index \`notification_delivery_created_at_index\` on \`notification_delivery\` (\`created_at\`);`);
    this.addSql(`create index \`notification_delivery_provider_id_provider_message_id_index\` on \`notification_delivery\` (\`provider_id\`, \`provider_message_id\`);`);
    this.addSql(`create index \`notification_delivery_campaign_id_status_index\` on \`notification_delivery\` (\`campaign_id\`, \`status\`);`);
    this.addSql(`create index \`notification_delivery_status_updated_at_index\` on \`notification_delivery\` (\`status\`, \`updated_at\`);`);
    this.addSql(`create unique index \`notification_delivery_idempotency_key_recipient_template_unique\` on \`notification_delivery\` (\`idempotency_key\`, \`recipient\`, \`template\`);`);

    this.addSql(`create table \`notification_secret\` (\`id\` text not null, \`secret\` text not null, primary key (\`id\`));`);

    this.addSql(`create table \`notification_outbox_message\` (\`id\` text not null, \`delivery_id\` text not null, \`channel\` text not null, \`recipient\` text not null, \`sender\` text null, \`subject\` text null, \`html\` text null, \`text\` text not null, \`created_at\` bigint not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`notification_outbox_message_delivery_id_unique\` on \`notification_outbox_message\` (\`delivery_id\`);`);
    this.addSql(`create index \`notification_outbox_message_recipient_index\` on \`notification_outbox_message\` (\`recipient\`);`);
    this.addSql(`create index \`notification_outbox_message_created_at_index\` on \`notification_outbox_message\` (\`created_at\`);`);

    this.addSql(`create table \`notification_template\` (\`id\` text not null, \`template\` text not null, \`channel\` text not null, \`locale\` text not null, \`subject\` text null, \`html\` text null, \`text\` text not null, \`updated_at\` bigint not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`notification_template_template_channel_locale_unique\` on \`notification_template\` (\`template\`, \`channel\`, \`locale\`);`);

    this.addSql(`create table \`marketing_unsubscribe\` (\`customer_id\` text not null, \`campaign_id\` text null, \`unsubscribed_at\` bigint not null, primary key (\`customer_id\`));`);
  }

}
