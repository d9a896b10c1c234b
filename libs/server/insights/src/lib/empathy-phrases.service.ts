import { BadRequestException, ConflictException, Injectable, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import type { EmpathyPhraseView } from '@throughline/domain';
import { DEFAULT_EMPATHY_PHRASES, type EmpathyPhrase, empathyPhraseSchema } from '@throughline/insights';
import { EmpathyPhraseEntity } from '@throughline/server/database';
import type { CreateEmpathyPhraseDto, UpdateEmpathyPhraseDto } from './insights.dto';

/** The fields `empathyPhraseSchema` knows. */
const entryOf = (row: EmpathyPhraseEntity) => ({
  id: row.id,
  kind: row.kind,
  text: row.text,
  tone: row.tone,
  triggers: row.triggers,
  deescalates: row.deescalates,
});

const toView = (row: EmpathyPhraseEntity): EmpathyPhraseView => ({ ...entryOf(row), enabled: row.enabled });

/** The admin-editable phrase library the enrich job chooses prompts from. */
@Injectable()
export class EmpathyPhrasesService implements OnApplicationBootstrap {
  constructor(@InjectRepository(EmpathyPhraseEntity) private readonly phrases: Repository<EmpathyPhraseEntity>) {}

  /** A new deployment starts with the default library; deleted entries stay (soft), so it is installed once. */
  async onApplicationBootstrap(): Promise<void> {
    await this.installDefaults();
  }

  async installDefaults(): Promise<void> {
    if (await this.phrases.exists({ withDeleted: true })) return;
    await this.phrases
      .createQueryBuilder()
      .insert()
      .values(DEFAULT_EMPATHY_PHRASES.map((phrase, position) => ({ ...phrase, triggers: phrase.triggers as EmpathyPhraseEntity['triggers'], position })))
      .orIgnore()
      .execute();
  }

  async list(): Promise<EmpathyPhraseView[]> {
    return (await this.phrases.find({ where: { deletedAt: IsNull() }, order: { position: 'ASC' } })).map(toView);
  }

  /** The enabled entries in library order, as `choosePrompts` takes them. */
  async active(): Promise<EmpathyPhrase[]> {
    const rows = await this.phrases.find({ where: { deletedAt: IsNull(), enabled: true }, order: { position: 'ASC' } });
    return rows.map((row) => this.validated(entryOf(row)));
  }

  async create(dto: CreateEmpathyPhraseDto): Promise<EmpathyPhraseView> {
    const { enabled = true, ...phrase } = dto;
    const valid = this.validated(phrase);
    const existing = await this.phrases.findOne({ where: { id: valid.id }, withDeleted: true });
    if (existing && !existing.deletedAt) throw new ConflictException(`an empathy phrase with id "${valid.id}" exists`);
    const last = await this.phrases.createQueryBuilder('p').select('max(p.position)', 'max').getRawOne<{ max: number | null }>();
    const row = this.phrases.create({
      ...valid,
      triggers: valid.triggers as EmpathyPhraseEntity['triggers'],
      enabled,
      deletedAt: null,
      position: (last?.max ?? -1) + 1,
    });
    return toView(await this.phrases.save(row));
  }

  async update(id: string, dto: UpdateEmpathyPhraseDto): Promise<EmpathyPhraseView> {
    const row = await this.phrases.findOne({ where: { id, deletedAt: IsNull() } });
    if (!row) throw new NotFoundException(`empathy phrase ${id} not found`);
    const { enabled = row.enabled, ...changes } = dto;
    const valid = this.validated({ ...entryOf(row), ...changes, id });
    Object.assign(row, valid, { enabled });
    return toView(await this.phrases.save(row));
  }

  async remove(id: string): Promise<void> {
    const result = await this.phrases.update({ id, deletedAt: IsNull() }, { deletedAt: new Date() });
    if (!result.affected) throw new NotFoundException(`empathy phrase ${id} not found`);
  }

  /** The library's own rules (known emotions, history signals and placeholders), as a 400 naming the field. */
  private validated(entry: unknown): EmpathyPhrase {
    const parsed = empathyPhraseSchema.safeParse(entry);
    if (!parsed.success) {
      throw new BadRequestException(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'phrase'}: ${issue.message}`).join('; '));
    }
    return parsed.data;
  }
}
