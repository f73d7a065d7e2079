import { Migration } from '@mikro-orm/migrations';

export class Migration20261124233239_region extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`region\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`currency_code\` varchar(3) not null, \`automatic_taxes\` tinyint(1) not null default true, \`prices_include_tax\` tinyint(1) not null default false, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`region_country\` (\`iso_2\` varchar(2) not null, \`region_id\` varchar(40) not null, \`display_name\` varchar(191) not null, primary key (\`iso_2\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`region_country\` add index \`region_country_region_id_index\`(\`region_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`region\`;`);

    this.addSql(`drop table if exists \`region_country\`;`);
  }

}
