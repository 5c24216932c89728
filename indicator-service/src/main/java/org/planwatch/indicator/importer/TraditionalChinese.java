package org.planwatch.indicator.importer;

/**
 * Maps traditional Chinese characters to their simplified forms, one character for one, so that
 * a text keeps its length (and every offset) when it is simplified. The table covers the
 * characters of policy documents — administrative, economic and technical vocabulary — not the
 * whole language; a character it does not know is kept as it is.
 */
final class TraditionalChinese {

    private static final String TRADITIONAL = ""
            + "來個備傳價億優儲內兩創劃勁動務勢勵區協參員問單國圍園圖團堅報場壯學實審將專對導層屬帥帶幫廚廠廣強徑徹態應戰掛揮撐擊擔據擴"
            + "攬數時會極構標機檔檢權決測滾潔潛濟濱為營爭獎獻現環產發盡監確礎積穩競節簽籌約級紡細組結絡給統經綜綠網緊線編縣總績織繞繩續"
            + "纖義習聯職臺與興舉艦範萬蓋薦藝藥號術補裝規訂計訓設評調謀識譜變貢貫責貸資賦質購賽贏軍軟載輔轉辦進運過達選鄰醫針銷鋁錄鍛鍵"
            + "鏈長門開間關際雙響項順領頭題類顯養駐驅驗體點黨龍韌負財車這東業還們從於並後無鎮鄉農漁銀稅費邊遠適衛護獲儀倉險額預頒顧風飛"
            + "館齊試認證請論語讓課貿買賣輕較輸遊邁釋鋼錢鐵閱陽陰隊隨雖雲電靈韓頁須頻飯餘鬥魚鳥鹽麥黃鋰氫氣熱燈爐牽狀獨畫療盤礦禮稱穀筆"
            + "紀紅純納紙終維綱緣練縮罰聖聞聲聽腦膠臨艱華萊葉蘇衝複親觀觸記許訪診詢該誌說談諮謝講議讀豐貨販貴貼賓賴跡軌連週違遞遷釣鋪錯"
            + "鎖鏡鑒閉隱雜離難靜頓願顏飲馬駕騰鬆嚴壓夠奪婦孫寧寬尋屆島峽幣幹庫廢彈復徵憑戲戶損換擁擇擬擺攜敗斷書棄條榮樂樓樣橋歐歲歷歸"
            + "殘滬滿漢濕灣災煙燒爾牆瓊畝當盜眾碼磚禍種簡糧緒縱繳肅腳臉艙莊蘭處蝦裡製視覽訊託訴詳誠誤諾謂譯貝貧賀賞賠趕軸輛輪轄釘鋒鍊閘"
            + "陸陣陳隸雞韋頃頸顆飄飼驚鬧鮮鳳鴨麗齡蘋倫偉傑傷僅僑儘兒冊則剛劇劉勞勝匯卻厲叢吳啟喚囑圓壞壩壽夢夾奮寶嶺帳幾廳彎憶懷攤晉暫"
            + "曆殺況淺減溫潤澤濃猶畢異癥矚礙禦穫築籃紛紹絕絲綫緩緯縫繫繼纜羅脈舊藍虛衆覺詞詩諸謹讚賬贈趨躍輯辭遺遼郵鄭釀銳錦鍾鐘鑄韻飾"
            + "馳驟魯鹼麼師壇滅準滯濾瀏燦爍獅瑩瘋盞碩竊糾紐絞綁綢綴緝縛繪罈蓮蔥薩藉蘊襲討訣詐詮誘諒謊謎譽豬賊賭贊輩轟迴遙醬鈴銅鋸錫鍋鎊"
            + "鏟閃闊闖隕霧靂頌頰顫颱餅餵騎騙驕骯髮鬍鯨鵝鶴麵齒龜啓綵兇僱佈傢氾甦痠硃註瞭祕鈎牠衹閒搾鉅鍼喫絃裏彙纔鬱礪蕭蘆鄧廬紮階陝隴"
            + "櫃檯欄歡殲溝漿潑澀濺瀉爛犧獵瓏瘡盧禪穌窯竄篩簾籠粵紋綿緻縷翹聳膚艷蓆蔣虧蠟袞褲襪訝詠誕諜謠譏豎貞賤趙蹤軀輻轎辮逕醞釗鈞銜"
            + "鋤錐鎂鏽鐲閩闆隻雛霽靨韜頗顛颯飢餓饑驛髒魷鯉鴻鷹黴齋";
    private static final String SIMPLIFIED = ""
            + "来个备传价亿优储内两创划劲动务势励区协参员问单国围园图团坚报场壮学实审将专对导层属帅带帮厨厂广强径彻态应战挂挥撑击担据扩"
            + "揽数时会极构标机档检权决测滚洁潜济滨为营争奖献现环产发尽监确础积稳竞节签筹约级纺细组结络给统经综绿网紧线编县总绩织绕绳续"
            + "纤义习联职台与兴举舰范万盖荐艺药号术补装规订计训设评调谋识谱变贡贯责贷资赋质购赛赢军软载辅转办进运过达选邻医针销铝录锻键"
            + "链长门开间关际双响项顺领头题类显养驻驱验体点党龙韧负财车这东业还们从于并后无镇乡农渔银税费边远适卫护获仪仓险额预颁顾风飞"
            + "馆齐试认证请论语让课贸买卖轻较输游迈释钢钱铁阅阳阴队随虽云电灵韩页须频饭余斗鱼鸟盐麦黄锂氢气热灯炉牵状独画疗盘矿礼称谷笔"
            + "纪红纯纳纸终维纲缘练缩罚圣闻声听脑胶临艰华莱叶苏冲复亲观触记许访诊询该志说谈咨谢讲议读丰货贩贵贴宾赖迹轨连周违递迁钓铺错"
            + "锁镜鉴闭隐杂离难静顿愿颜饮马驾腾松严压够夺妇孙宁宽寻届岛峡币干库废弹复征凭戏户损换拥择拟摆携败断书弃条荣乐楼样桥欧岁历归"
            + "残沪满汉湿湾灾烟烧尔墙琼亩当盗众码砖祸种简粮绪纵缴肃脚脸舱庄兰处虾里制视览讯托诉详诚误诺谓译贝贫贺赏赔赶轴辆轮辖钉锋炼闸"
            + "陆阵陈隶鸡韦顷颈颗飘饲惊闹鲜凤鸭丽龄苹伦伟杰伤仅侨尽儿册则刚剧刘劳胜汇却厉丛吴启唤嘱圆坏坝寿梦夹奋宝岭账几厅弯忆怀摊晋暂"
            + "历杀况浅减温润泽浓犹毕异症瞩碍御获筑篮纷绍绝丝线缓纬缝系继缆罗脉旧蓝虚众觉词诗诸谨赞账赠趋跃辑辞遗辽邮郑酿锐锦钟钟铸韵饰"
            + "驰骤鲁碱么师坛灭准滞滤浏灿烁狮莹疯盏硕窃纠纽绞绑绸缀缉缚绘坛莲葱萨借蕴袭讨诀诈诠诱谅谎谜誉猪贼赌赞辈轰回遥酱铃铜锯锡锅镑"
            + "铲闪阔闯陨雾雳颂颊颤台饼喂骑骗骄肮发胡鲸鹅鹤面齿龟启彩凶雇布家泛苏酸朱注了秘钩它只闲榨巨针吃弦里汇才郁砺萧芦邓庐扎阶陕陇"
            + "柜台栏欢歼沟浆泼涩溅泻烂牺猎珑疮卢禅稣窑窜筛帘笼粤纹绵致缕翘耸肤艳席蒋亏蜡衮裤袜讶咏诞谍谣讥竖贞贱赵踪躯辐轿辫径酝钊钧衔"
            + "锄锥镁锈镯闽板只雏霁靥韬颇颠飒饥饿饥驿脏鱿鲤鸿鹰霉斋";

    private static final char[] SIMPLE = new char[0x10000];

    static {
        if (TRADITIONAL.length() != SIMPLIFIED.length()) {
            throw new IllegalStateException("traditional and simplified tables differ in length");
        }
        for (int c = 0; c < SIMPLE.length; c++) {
            SIMPLE[c] = (char) c;
        }
        for (int i = 0; i < TRADITIONAL.length(); i++) {
            SIMPLE[TRADITIONAL.charAt(i)] = SIMPLIFIED.charAt(i);
        }
    }

    private TraditionalChinese() {
    }

    static char simplify(char c) {
        return SIMPLE[c];
    }

    static String simplify(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = SIMPLE[chars[i]];
        }
        return new String(chars);
    }
}
