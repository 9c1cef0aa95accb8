/**
 * Every user-visible string, in English and Simplified Chinese. Keys are checked at compile time:
 * `zhCN` must have exactly the keys of `en`.
 */
export const en = {
  appName: 'ArchSim',
  'kind.client': 'Client',
  'kind.loadBalancer': 'Load balancer',
  'kind.service': 'Service',
  'kind.pool': 'Pool',
  'kind.cache': 'Cache',
  'kind.queue': 'Queue',
  'kind.database': 'Database',
  'kind.region': 'Region',
  palette: 'Components',
  paletteHint: 'Drag onto the canvas',
  run: 'Run',
  pause: 'Pause',
  step: 'Step',
  reset: 'Reset',
  speed: 'Speed',
  speedMax: 'max',
  seed: 'Seed',
  simTime: 'Simulated time',
  new: 'New',
  open: 'Open',
  save: 'Save',
  saveAs: 'Save As',
  exportCsv: 'Export CSV',
  exportChart: 'Export chart',
  undo: 'Undo',
  redo: 'Redo',
  delete: 'Delete',
  fitView: 'Fit view',
  autoLayout: 'Auto layout',
  language: 'Language',
  untitled: 'Untitled',
  unsaved: 'unsaved changes',
  inspector: 'Inspector',
  nothingSelected: 'Select a node or an edge to edit it.',
  legendUtilization: 'Utilization',
  edgeSelf: 'A node cannot call itself.',
  edgeIntoClient: 'Clients only send traffic: an edge cannot end at a client.',
  edgeDuplicate: 'These two nodes are already connected.',
  edgeCycle:
    'This edge would close a cycle of synchronous calls (requests would recurse forever). Put a queue in between.',
  statusP99: 'p99',
  statusThroughput: 'throughput',
  statusErrors: 'errors',
  chaos: 'Inject failure',
  killInstances: 'Kill {percent}% of instances',
  restoreInstances: 'Restore instances',
  killRegion: 'Kill region',
  restoreRegion: 'Restore region',
  partition: 'Partition from {region}',
  addLatency: 'Add {ms} ms latency (30 s)',
  injectErrors: 'Inject {percent}% errors (30 s)',
  flushCache: 'Flush cache',
  flood: 'Flood traffic ×{factor} (30 s)',
  showTail: 'Where does p99 come from?',
  hideTail: 'Hide tail path',
  pinRun: 'Pin run for comparison',
  unpin: 'Unpin',
  invalidTopology: 'The topology has problems:',
  fileError: 'Could not open the file',
  recoverPrompt: 'Recover the document from your last session?',
  recover: 'Recover',
  discard: 'Discard',
} as const;

export type MessageKey = keyof typeof en;

export const zhCN: Record<MessageKey, string> = {
  appName: 'ArchSim 架构模拟器',
  'kind.client': '客户端',
  'kind.loadBalancer': '负载均衡',
  'kind.service': '服务',
  'kind.pool': '连接池',
  'kind.cache': '缓存',
  'kind.queue': '消息队列',
  'kind.database': '数据库',
  'kind.region': '地域',
  palette: '组件',
  paletteHint: '拖到画布上',
  run: '运行',
  pause: '暂停',
  step: '单步',
  reset: '重置',
  speed: '速度',
  speedMax: '最快',
  seed: '随机种子',
  simTime: '模拟时间',
  new: '新建',
  open: '打开',
  save: '保存',
  saveAs: '另存为',
  exportCsv: '导出 CSV',
  exportChart: '导出图表',
  undo: '撤销',
  redo: '重做',
  delete: '删除',
  fitView: '适应视图',
  autoLayout: '自动布局',
  language: '语言',
  untitled: '未命名',
  unsaved: '有未保存的修改',
  inspector: '属性',
  nothingSelected: '选中一个节点或连线来编辑。',
  legendUtilization: '利用率',
  edgeSelf: '节点不能调用自己。',
  edgeIntoClient: '客户端只发送流量：连线不能指向客户端。',
  edgeDuplicate: '这两个节点已经相连。',
  edgeCycle: '这条连线会形成同步调用环（请求将无限递归）。请在中间放一个消息队列。',
  statusP99: 'p99',
  statusThroughput: '吞吐',
  statusErrors: '错误',
  chaos: '注入故障',
  killInstances: '杀掉 {percent}% 的实例',
  restoreInstances: '恢复实例',
  killRegion: '地域宕机',
  restoreRegion: '恢复地域',
  partition: '与 {region} 网络分区',
  addLatency: '增加 {ms} ms 延迟（30 秒）',
  injectErrors: '注入 {percent}% 错误（30 秒）',
  flushCache: '清空缓存',
  flood: '流量洪峰 ×{factor}（30 秒）',
  showTail: 'p99 来自哪里？',
  hideTail: '隐藏尾延迟路径',
  pinRun: '固定本次运行用于对比',
  unpin: '取消固定',
  invalidTopology: '拓扑有问题：',
  fileError: '无法打开文件',
  recoverPrompt: '恢复上次会话中的文档？',
  recover: '恢复',
  discard: '丢弃',
};

export const LOCALES = { en: 'English', 'zh-CN': '简体中文' } as const;
export type Locale = keyof typeof LOCALES;

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The message `key` in `locale`, with `{name}` placeholders filled from `vars`. */
export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = TABLES[locale][key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** The system language, when it is one we speak; else English. */
export function systemLocale(languages: readonly string[]): Locale {
  for (const lang of languages) {
    if (lang.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (lang.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}
