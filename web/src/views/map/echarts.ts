// ECharts for the map view, only the parts it uses (one chunk with the view). The maps are registered
// from the GeoJSON the server ships (GET /geo/{regionCode}): nothing is fetched from elsewhere.
import * as echarts from 'echarts/core'
import { BarChart, MapChart, PieChart, ScatterChart, EffectScatterChart } from 'echarts/charts'
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, MapChart, PieChart, ScatterChart, EffectScatterChart, GeoComponent, GridComponent, LegendComponent,
  TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer])

export default echarts
export type { ECharts, EChartsCoreOption } from 'echarts/core'
