import { Migration } from '@mikro-orm/migrations';

export class Migration20261125104354_region extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`region_payment_provider\` (\`region_id\` varchar(40) not null, \`provider_id\` varchar(64) not null, \`is_enabled\` tinyint(1) not null, primary key (\`region_id\`, \`provider_id\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`region_payment_provider\`;`);
  }

}
