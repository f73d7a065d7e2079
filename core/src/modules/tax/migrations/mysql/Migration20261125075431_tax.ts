import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075431_tax extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`tax_rate\` (\`id\` varchar(40) not null, \`tax_region_id\` varchar(40) not null, \`name\` varchar(191) not null, \`code\` varchar(64) not null, \`rate\` double not null, \`is_default\` tinyint(1) not null default false, \`is_combinable\` tinyint(1) not null default false, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`tax_rate\` add index \`tax_rate_tax_region_id_index\`(\`tax_region_id\`);`);

    this.addSql(`create table \`tax_region\` (\`id\` varchar(40) not null, \`country_code\` varchar(2) not null, \`province_code\` varchar(64) null, \`parent_id\` varchar(40) null, \`provider_id\` varchar(64) not null default 'tp_system', \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`tax_region\` add index \`tax_region_country_code_index\`(\`country_code\`);`);
    this.addSql(`alter table \`tax_region\` add index \`tax_region_parent_id_index\`(\`parent_id\`);`);
    this.addSql(`alter table \`tax_region\` add index \`tax_region_country_code_province_code_index\`(\`country_code\`, \`province_code\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`tax_rate\`;`);

    this.addSql(`drop table if exists \`tax_region\`;`);
  }

}
