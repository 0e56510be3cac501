import { documentTypes, findDocumentType, type DocumentType } from '../../shared/domain.ts';
import { AppError } from '../../shared/errors.ts';

export function resolveDocumentType(input: string): DocumentType {
  const type = findDocumentType(input);
  if (!type) {
    throw new AppError(
      'DOCUMENT_TYPE_UNKNOWN',
      `"${input}" is not one of ${documentTypes.map((t) => t.key).join(', ')}`,
      {
        fields: { type: `Loại văn bản "${input}" không có trong danh mục` },
      },
    );
  }
  return type;
}
