import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075316_user extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`user_invite\` (\`id\` text not null, \`email\` text not null, \`role\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`accepted_at\` datetime null, \`created_by\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`user_invite_email_index\` on \`user_invite\` (\`email\`);`);
    this.addSql(`create unique index \`user_invite_token_hash_unique\` on \`user_invite\` (\`token_hash\`);`);

    this.addSql(`create table \`user_secret_key\` (\`id\` text not null, \`title\` text not null, \`token_hash\` text not null, \`redacted\` text not null, \`role\` text not null, \`created_by\` text null, \`revoked_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`user_secret_key_token_hash_unique\` on \`user_secret_key\` (\`token_hash\`);`);

    this.addSql(`create table \`user\` (\`id\` text not null, \`email\` text not null, \`first_name\` text null, \`last_name\` text null, \`role\` text not null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`user_email_unique\` on \`user\` (\`email\`);`);

    this.addSql(`create table \`user_role\` (\`id\` text not null, \`name\` text not null, \`description\` text null, \`permissions\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`user_role_name_unique\` on \`user_role\` (\`name\`);`);
  }

}
