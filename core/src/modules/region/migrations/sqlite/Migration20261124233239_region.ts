import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233239_region extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`region\` (\`id\` text not null, \`name\` text not null, \`currency_code\` text not null, \`automatic_taxes\` integer not null default true, \`prices_include_tax\` integer not null default false, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`region_country\` (\`iso_2\` text not null, \`region_id\` text not null, \`display_name\` text not null, primary key (\`iso_2\`));`);
    this.addSql(`create index \`region_country_region_id_index\` on \`region_country\` (\`region_id\`);`);
  }

}
