import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075437_fulfillment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`service_zone\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`countries\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`shipping_option\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`region_id\` varchar(40) not null, \`service_zone_id\` varchar(40) null, \`shipping_profile_id\` varchar(40) null, \`provider_id\` varchar(64) not null default 'manual_manual', \`price_type\` varchar(16) not null default 'flat', \`amount\` int not null, \`free_above\` int null, \`type_label\` varchar(191) not null default 'Standard', \`type_code\` varchar(64) not null default 'standard', \`type_description\` varchar(255) not null default '', \`is_return\` tinyint(1) not null default false, \`data\` json null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`shipping_option\` add index \`shipping_option_region_id_index\`(\`region_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`service_zone\`;`);

    this.addSql(`drop table if exists \`shipping_option\`;`);
  }

}
