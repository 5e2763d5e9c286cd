import { Image } from 'antd';
import { t } from '@lifeline/shared';

/** URL of a stored attachment (scope-checked by the server). */
export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/**
 * Photos as square thumbnails that open a swipeable preview (antd Image.PreviewGroup).
 * @param ids attachment ids
 * @param size thumbnail edge in px
 */
export function PhotoGallery({ ids, size = 88 }: { ids: readonly string[]; size?: number }) {
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {ids.map((id, i) => (
          <Image
            key={id}
            src={attachmentUrl(id)}
            width={size}
            height={size}
            alt={t('hazards.photo.alt', { n: i + 1 })}
            style={{ objectFit: 'cover', borderRadius: 6, background: '#f0f0f0' }}
          />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}
