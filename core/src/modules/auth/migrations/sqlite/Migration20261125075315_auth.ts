import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075315_auth extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`auth_identity\` (\`id\` text not null, \`actor_type\` text not null, \`actor_id\` text null, \`provider\` text not null, \`entity_id\` text not null, \`email\` text null, \`email_verified\` integer not null default false, \`password_hash\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`auth_identity_actor_id_index\` on \`auth_identity\` (\`actor_id\`);`);
    this.addSql(`create unique index \`auth_identity_actor_type_provider_entity_id_unique\` on \`auth_identity\` (\`actor_type\`, \`provider\`, \`entity_id\`);`);

    this.addSql(`create table \`auth_refresh_token\` (\`id\` text not null, \`family_id\` text not null, \`token_hash\` text not null, \`auth_identity_id\` text not null, \`actor_type\` text not null, \`actor_id\` text not null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`revoked_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`auth_refresh_token_family_id_index\` on \`auth_refresh_token\` (\`family_id\`);`);
    this.addSql(`create unique index \`auth_refresh_token_token_hash_unique\` on \`auth_refresh_token\` (\`token_hash\`);`);
  }

}
