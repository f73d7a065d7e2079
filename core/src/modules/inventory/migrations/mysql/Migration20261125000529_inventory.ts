import { Migration } from '@mikro-orm/migrations';

export class Migration20261125000529_inventory extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`inventory_level\` (\`variant_id\` varchar(40) not null, \`location_id\` varchar(40) not null, \`stocked_quantity\` int not null default 0, \`reserved_quantity\` int not null default 0, \`incoming_quantity\` int not null default 0, primary key (\`variant_id\`, \`location_id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`stock_location\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`inventory_level\`;`);

    this.addSql(`drop table if exists \`stock_location\`;`);
  }

}
