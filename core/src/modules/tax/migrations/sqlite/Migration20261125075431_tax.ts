import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075431_tax extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`tax_rate\` (\`id\` text not null, \`tax_region_id\` text not null, \`name\` text not null, \`code\` text not null, \`rate\` double not null, \`is_default\` integer not null default false, \`is_combinable\` integer not null default false, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`tax_rate_tax_region_id_index\` on \`tax_rate\` (\`tax_region_id\`);`);

    this.addSql(`create table \`tax_region\` (\`id\` text not null, \`country_code\` text not null, \`province_code\` text null, \`parent_id\` text null, \`provider_id\` text not null default 'tp_system', \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`tax_region_country_code_index\` on \`tax_region\` (\`country_code\`);`);
    this.addSql(`create index \`tax_region_parent_id_index\` on \`tax_region\` (\`parent_id\`);`);
    this.addSql(`create index \`tax_region_country_code_province_code_index\` on \`tax_region\` (\`country_code\`, \`province_code\`);`);
  }

}
