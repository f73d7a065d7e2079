import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233243_pricing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`price\` (\`id\` varchar(40) not null, \`variant_id\` varchar(40) not null, \`currency_code\` varchar(3) not null, \`amount\` int not null, \`region_id\` varchar(40) null, \`min_quantity\` int null, \`max_quantity\` int null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`price\` add index \`price_variant_id_index\`(\`variant_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`price\`;`);
  }

}
