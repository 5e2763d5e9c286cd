/** zh-CN strings of the public 短视频展播 page (keys prefixed `showcase.`). */
export const showcase = {
  'showcase.title': '安全生产短视频展播',
  'showcase.subtitle': '民政服务机构“安全生产月”短视频征集优秀作品',
  'showcase.count': '共 {n} 个作品',
  'showcase.empty': '暂无展播作品，敬请期待',
  'showcase.loadFailed': '展播列表加载失败',
  'showcase.retry': '重试',
  'showcase.unit': '报送单位：{name}',
  'showcase.submittedAt': '报送时间：{at}',
  'showcase.noVideoSupport': '您的浏览器不支持播放该视频',
  'showcase.staffLogin': '工作人员登录',
} as const;
