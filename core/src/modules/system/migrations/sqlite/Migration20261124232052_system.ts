import { Migration } from '@mikro-orm/migrations';

export class Migration20261124232052_system extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`idempotency_record\` (\`scope\` text not null, \`idempotency_key\` text not null, \`request_hash\` text not null, \`status\` text not null, \`response_status\` integer null, \`response_body\` text null, \`created_at\` bigint not null, \`expires_at\` bigint not null, primary key (\`scope\`, \`idempotency_key\`));`);
    this.addSql(`create index \`idempotency_record_expires_at_index\` on \`idempotency_record\` (\`expires_at\`);`);
  }

}
