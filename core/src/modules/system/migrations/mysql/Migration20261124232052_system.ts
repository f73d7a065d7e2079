import { Migration } from '@mikro-orm/migrations';

export class Migration20261124232052_system extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`idempotency_record\` (\`scope\` varchar(191) not null, \`idempotency_key\` varchar(191) not null, \`request_hash\` varchar(64) not null, \`status\` varchar(16) not null, \`response_status\` int null, \`response_body\` text null, \`created_at\` bigint not null, \`expires_at\` bigint not null, primary key (\`scope\`, \`idempotency_key\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`idempotency_record\` add index \`idempotency_record_expires_at_index\`(\`expires_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`idempotency_record\`;`);
  }

}
