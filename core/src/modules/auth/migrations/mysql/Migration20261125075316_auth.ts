import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075316_auth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`auth_identity\` (\`id\` varchar(40) not null, \`actor_type\` varchar(16) not null, \`actor_id\` varchar(40) null, \`provider\` varchar(32) not null, \`entity_id\` varchar(191) not null, \`email\` varchar(191) null, \`email_verified\` tinyint(1) not null default false, \`password_hash\` varchar(255) null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`auth_identity\` add index \`auth_identity_actor_id_index\`(\`actor_id\`);`);
    this.addSql(`alter table \`auth_identity\` add unique \`auth_identity_actor_type_provider_entity_id_unique\`(\`actor_type\`, \`provider\`, \`entity_id\`);`);

    this.addSql(`create table \`auth_refresh_token\` (\`id\` varchar(40) not null, \`family_id\` varchar(40) not null, \`token_hash\` varchar(64) not null, \`auth_identity_id\` varchar(40) not null, \`actor_type\` varchar(16) not null, \`actor_id\` varchar(40) not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`revoked_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`auth_refresh_token\` add index \`auth_refresh_token_family_id_index\`(\`family_id\`);`);
    this.addSql(`alter table \`auth_refresh_token\` add unique \`auth_refresh_token_token_hash_unique\`(\`token_hash\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`auth_identity\`;`);

    this.addSql(`drop table if exists \`auth_refresh_token\`;`);
  }

}
