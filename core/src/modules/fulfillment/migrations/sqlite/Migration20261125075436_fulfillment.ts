import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075436_fulfillment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service_zone\` (\`id\` text not null, \`name\` text not null, \`countries\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`shipping_option\` (\`id\` text not null, \`name\` text not null, \`region_id\` text not null, \`service_zone_id\` text null, \`shipping_profile_id\` text null, \`provider_id\` text not null default 'manual_manual', \`price_type\` text not null default 'flat', \`amount\` integer not null, \`free_above\` integer null, \`type_label\` text not null default 'Standard', \`type_code\` text not null default 'standard', \`type_description\` text not null default '', \`is_return\` integer not null default false, \`data\` json null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`shipping_option_region_id_index\` on \`shipping_option\` (\`region_id\`);`);
  }

}
