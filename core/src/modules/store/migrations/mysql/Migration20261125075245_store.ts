import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075245_store extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`store\` (\`id\` varchar(40) not null, \`name\` varchar(191) not null, \`default_currency_code\` varchar(3) not null, \`supported_currency_codes\` json not null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`store\`;`);
  }

}
