import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075316_user extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`user_invite\` (\`id\` varchar(40) not null, \`email\` varchar(191) not null, \`role\` varchar(64) not null, \`token_hash\` varchar(64) not null, \`expires_at\` datetime not null, \`accepted_at\` datetime null, \`created_by\` varchar(40) null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`user_invite\` add index \`user_invite_email_index\`(\`email\`);`);
    this.addSql(`alter table \`user_invite\` add unique \`user_invite_token_hash_unique\`(\`token_hash\`);`);

    this.addSql(`create table \`user_secret_key\` (\`id\` varchar(40) not null, \`title\` varchar(191) not null, \`token_hash\` varchar(64) not null, \`redacted\` varchar(32) not null, \`role\` varchar(64) not null, \`created_by\` varchar(40) null, \`revoked_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`user_secret_key\` add unique \`user_secret_key_token_hash_unique\`(\`token_hash\`);`);

    this.addSql(`create table \`user\` (\`id\` varchar(40) not null, \`email\` varchar(191) not null, \`first_name\` varchar(191) null, \`last_name\` varchar(191) null, \`role\` varchar(64) not null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`user\` add unique \`user_email_unique\`(\`email\`);`);

    this.addSql(`create table \`user_role\` (\`id\` varchar(40) not null, \`name\` varchar(64) not null, \`description\` varchar(255) null, \`permissions\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`user_role\` add unique \`user_role_name_unique\`(\`name\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`user_invite\`;`);

    this.addSql(`drop table if exists \`user_secret_key\`;`);

    this.addSql(`drop table if exists \`user\`;`);

    this.addSql(`drop table if exists \`user_role\`;`);
  }

}
