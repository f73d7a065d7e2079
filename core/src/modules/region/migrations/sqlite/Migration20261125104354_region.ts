import { Migration } from '@mikro-orm/migrations';

export class Migration20261125104354_region extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`region_payment_provider\` (\`region_id\` text not null, \`provider_id\` text not null, \`is_enabled\` integer not null, primary key (\`region_id\`, \`provider_id\`));`);
  }

}
