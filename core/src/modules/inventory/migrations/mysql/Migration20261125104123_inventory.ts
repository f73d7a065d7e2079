import { Migration } from '@mikro-orm/migrations';

export class Migration20261125104123_inventory extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`stock_location_sales_channel\` (\`location_id\` varchar(40) not null, \`sales_channel_id\` varchar(40) not null, primary key (\`location_id\`, \`sales_channel_id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`stock_location_sales_channel\` add index \`stock_location_sales_channel_sales_channel_id_index\`(\`sales_channel_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`stock_location_sales_channel\`;`);
  }

}
