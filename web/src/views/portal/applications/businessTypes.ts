// One line on each business type for the 新建申请 list (the server names them; this says what they are).
const DESCRIPTIONS: Record<string, string> = {
  company_licence: '设立保安服务公司,向设区的市级公安机关提交申请,经审查后由省级公安机关决定是否核发保安服务许可证(《保安服务管理条例》第八、九条)。',
  training_licence: '设立保安培训单位,经设区的市级公安机关审查后由省级公安机关核发保安培训许可证。',
  exam_registration: '报名参加保安员资格考试,审核通过后参加考试,合格者取得保安员证。',
  licence_change: '保安服务(培训)许可证记载的名称、法定代表人、注册资本、住所等事项变更。',
  inhouse_filing: '自行招用保安员的单位,自开始保安服务之日起30日内向所在地设区的市级公安机关备案。',
  annual_report: '保安服务公司每年向公安机关报送年度经营和保安员管理情况。',
  branch_filing: '保安服务公司设立分公司,向分公司所在地设区的市级公安机关备案。',
  cross_region_filing: '跨省、自治区、直辖市提供保安服务,向服务所在地设区的市级公安机关备案。',
  inhouse_revocation: '自行招用保安员的单位不再招用保安员时,撤销备案。',
}

export const describeBusinessType = (code: string): string => DESCRIPTIONS[code] || '在线填写申请表并上传材料,提交后可查看办理进度。'
