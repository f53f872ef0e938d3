import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity's columns for hand-written SQL on hot paths (every chat message, every forum request
 * checks a membership), where building a query through the ORM cost more CPU than PostgreSQL spent
 * running it. The select list is built once from the entity's metadata, so a column added to the
 * entity is read here too; rows are hydrated the way TypeORM hydrates them.
 */
export class EntityColumns<T extends ObjectLiteral> {
  /** `alias."column" AS "alias_column", …` for a SELECT list. */
  readonly select: string;
  private readonly metadata: EntityMetadata;

  constructor(
    private readonly dataSource: DataSource,
    target: EntityTarget<T>,
    private readonly alias: string,
  ) {
    this.metadata = dataSource.getMetadata(target);
    this.select = this.metadata.columns
      .map((column) => `${alias}."${column.databaseName}" AS "${alias}_${column.databaseName}"`)
      .join(', ');
  }

  /** The entity in a row selected with `select`; null when its primary key is null (an outer join found none). */
  from(row: Record<string, unknown>): T | null {
    const [primary] = this.metadata.primaryColumns;
    if (row[`${this.alias}_${primary.databaseName}`] === null) {
      return null;
    }
    const entity = this.metadata.create() as T;
    for (const column of this.metadata.columns) {
      const value = row[`${this.alias}_${column.databaseName}`];
      column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}
