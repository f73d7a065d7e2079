import { Migration } from '@mikro-orm/migrations';

export class Migration20261124222615_system extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`dead_letter\` (\`id\` varchar(40) not null, \`job_name\` varchar(191) not null, \`job_key\` varchar(191) not null, \`data\` json not null, \`error\` text not null, \`attempts\` int not null, \`failed_at\` bigint not null, \`replayed_at\` bigint null, \`replay_count\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`dead_letter\` add index \`dead_letter_replayed_at_failed_at_index\`(\`replayed_at\`, \`failed_at\`);`);

    this.addSql(`create table \`event_receipt\` (\`subscriber\` varchar(191) not null, \`event_id\` varchar(40) not null, \`processed_at\` bigint not null, primary key (\`subscriber\`, \`event_id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`job\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`job_key\` varchar(191) not null, \`data\` json not null, \`status\` varchar(16) not null, \`attempts\` int not null, \`max_attempts\` int not null, \`backoff_ms\` int not null, \`run_at\` bigint not null, \`locked_until\` bigint null, \`last_error\` text null, \`created_at\` bigint not null, \`updated_at\` bigint not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`job\` add unique \`job_job_key_unique\`(\`job_key\`);`);
    this.addSql(`alter table \`job\` add index \`job_status_run_at_index\`(\`status\`, \`run_at\`);`);

    this.addSql(`create table \`event_outbox\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`data\` json not null, \`metadata\` json null, \`created_at\` bigint not null, \`relayed_at\` bigint null, \`relay_locked_until\` bigint null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`event_outbox\` add index \`event_outbox_relayed_at_created_at_index\`(\`relayed_at\`, \`created_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`dead_letter\`;`);

    this.addSql(`drop table if exists \`event_receipt\`;`);

    this.addSql(`drop table if exists \`job\`;`);

    this.addSql(`drop table if exists \`event_outbox\`;`);
  }

}
