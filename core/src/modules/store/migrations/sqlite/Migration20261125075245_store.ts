import { Migration } from '@mikro-orm/migrations';

export class Migration20261125075245_store extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`store\` (\`id\` text not null, \`name\` text not null, \`default_currency_code\` text not null, \`supported_currency_codes\` json not null, \`metadata\` json null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
  }

}
