import { Migration } from '@mikro-orm/migrations';

export class Migration20261125104122_inventory extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`stock_location_sales_channel\` (\`location_id\` text not null, \`sales_channel_id\` text not null, primary key (\`location_id\`, \`sales_channel_id\`));`);
    this.addSql(`create index \`stock_location_sales_channel_sales_channel_id_index\` on \`stock_location_sales_channel\` (\`sales_channel_id\`);`);
  }

}
