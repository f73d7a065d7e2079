import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233243_pricing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`price\` (\`id\` text not null, \`variant_id\` text not null, \`currency_code\` text not null, \`amount\` integer not null, \`region_id\` text null, \`min_quantity\` integer null, \`max_quantity\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`price_variant_id_index\` on \`price\` (\`variant_id\`);`);
  }

}
