/**
 * zh-CN strings of the notification centre (消息) and of the reminders the server writes
 * (keys prefixed `notifications.`). The reminder texts are filled on the server with `t()`.
 */
export const notifications = {
  'nav.notifications': '消息',
  'notifications.bell': '消息',
  'notifications.bellUnread': '消息，{n} 条未读',
  'notifications.filter.all': '全部',
  'notifications.filter.unread': '未读',
  'notifications.readAll': '全部标为已读',
  'notifications.readAllDone': '已全部标为已读',
  'notifications.readAllNone': '没有未读消息',
  'notifications.empty': '暂无消息',
  'notifications.emptyUnread': '没有未读消息',
  'notifications.unreadCount': '{n} 条未读',
  'notifications.unreadTag': '未读',
  'notifications.loadFailed': '消息加载失败',

  'notifications.kind.reminder_before': '截止提醒',
  'notifications.kind.reminder_due': '逾期提醒',
  'notifications.kind.submission_received': '收到报送',
  'notifications.kind.submission_returned': '报送退回',
  'notifications.kind.submission_accepted': '报送通过',
  'notifications.kind.other': '通知',

  // written by the reminders job (server/src/jobs/reminders.ts)
  'notifications.reminder.monthDay': '{month}月{day}日',
  'notifications.reminder.monthDayTime': '{month}月{day}日 {time}',
  'notifications.reminder.before': '「{task}」将于 {deadline} 截止（还有 {days} 天）',
  'notifications.reminder.beforeTomorrow': '「{task}」明天（{deadline}）截止',
  'notifications.reminder.beforeToday': '「{task}」今天（{deadline}）截止',
  'notifications.reminder.dueToday': '「{task}」已于今天 {time} 截止，尚未报送',
  'notifications.reminder.overdue': '「{task}」已于 {deadline} 截止，尚未报送',
  'notifications.reminder.overdueDays': '「{task}」已于 {deadline} 截止，逾期 {days} 天仍未报送',
  'notifications.reminder.body': '专项活动「{campaign}」的任务「{task}」（{unit}），截止时间 {at}。请登录系统完成报送；逾期报送将被标记为逾期。',
  'notifications.reminder.bodyReturned': '专项活动「{campaign}」的任务「{task}」（{unit}）的报送已被退回，请按审核意见修改后重新报送，截止时间 {at}。',
} as const;
