import { Migration } from '@mikro-orm/migrations';

export class Migration20261124222615_system extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`dead_letter\` (\`id\` text not null, \`job_name\` text not null, \`job_key\` text not null, \`data\` json not null, \`error\` text not null, \`attempts\` integer not null, \`failed_at\` bigint not null, \`replayed_at\` bigint null, \`replay_count\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`dead_letter_replayed_at_failed_at_index\` on \`dead_letter\` (\`replayed_at\`, \`failed_at\`);`);

    this.addSql(`create table \`event_receipt\` (\`subscriber\` text not null, \`event_id\` text not null, \`processed_at\` bigint not null, primary key (\`subscriber\`, \`event_id\`));`);

    this.addSql(`create table \`job\` (\`id\` text not null, \`name\` text not null, \`job_key\` text not null, \`data\` json not null, \`status\` text not null, \`attempts\` integer not null, \`max_attempts\` integer not null, \`backoff_ms\` integer not null, \`run_at\` bigint not null, \`locked_until\` bigint null, \`last_error\` text null, \`created_at\` bigint not null, \`updated_at\` bigint not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`job_job_key_unique\` on \`job\` (\`job_key\`);`);
    this.addSql(`create index \`job_status_run_at_index\` on \`job\` (\`status\`, \`run_at\`);`);

    this.addSql(`create table \`event_outbox\` (\`id\` text not null, \`name\` text not null, \`data\` json not null, \`metadata\` json null, \`created_at\` bigint not null, \`relayed_at\` bigint null, \`relay_locked_until\` bigint null, primary key (\`id\`));`);
    this.addSql(`create index \`event_outbox_relayed_at_created_at_index\` on \`event_outbox\` (\`relayed_at\`, \`created_at\`);`);
  }

}
