import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000529_inventory extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`inventory_level\` (\`variant_id\` text not null, \`location_id\` text not null, \`stocked_quantity\` integer not null default 0, \`reserved_quantity\` integer not null default 0, \`incoming_quantity\` integer not null default 0, primary key (\`variant_id\`, \`location_id\`));`);

    this.addSql(`create table \`stock_location\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);
  }

}
